// Lets the web app's outbound addresses reach Azure SQL. A module because the addresses are known only once the app
// exists; a later deployment refreshes them (they change when the plan moves to another tier).

param serverName string
@description('Comma-separated, as App Service reports possibleOutboundIpAddresses.')
param ipAddresses string

resource server 'Microsoft.Sql/servers@2023-08-01' existing = {
  name: serverName
}

resource rules 'Microsoft.Sql/servers/firewallRules@2023-08-01' = [
  for (ip, i) in split(ipAddresses, ','): {
    parent: server
    name: 'app-outbound-${i}'
    properties: {
      startIpAddress: ip
      endIpAddress: ip
    }
  }
]
