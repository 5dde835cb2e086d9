// The service: a Linux App Service plan with at least two instances running deploy/Dockerfile's image, every secret a
// Key Vault reference resolved with the app's own identity, console output to Log Analytics, and two alerts.

param location string
param name string
param tags object
param sku string
param instanceCount int
param image string
param identityId string
param identityClientId string
param vaultUri string
param insightsConnectionString string
param workspaceId string
param actionGroupId string

@allowed(['direct', 'botService'])
param messengerPath string
param graphApiUrl string
@allowed(['UserAssignedMSI', 'SingleTenant'])
param botAppType string
param botAppId string
param botTenantId string
param translatorEndpoint string
param translatorRegion string
param messaging object
param oidcAuthority string
param oidcClientId string

// No version: App Service takes the newest one and picks up a rotated secret within a day (or at a restart).
func secret(vaultUri string, secretName string) string =>
  '@Microsoft.KeyVault(SecretUri=${vaultUri}secrets/${secretName}/)'

var direct = messengerPath == 'direct'

var settings = union(
  {
    // Kestrel listens on 8080 in the image (ASPNETCORE_URLS); App Service forwards HTTPS there.
    WEBSITES_PORT: '8080'
    WEBSITES_ENABLE_APP_SERVICE_STORAGE: 'false'
    // App Service terminates TLS; without this the app would think requests came over plain HTTP.
    ASPNETCORE_FORWARDEDHEADERS_ENABLED: 'true'
    Database__Provider: 'SqlServer'
    ConnectionStrings__Central: secret(vaultUri, 'sql-connection-string')
    PersonalData__Key: secret(vaultUri, 'personal-data-key')
    Messenger__GraphApiUrl: graphApiUrl
    // Bot Framework settings keep the SDK's names; with UserAssignedMSI the app id is the identity's client id.
    MicrosoftAppType: botAppType
    MicrosoftAppId: botAppId
    MicrosoftAppTenantId: botTenantId
    Translator__Endpoint: translatorEndpoint
    Translator__Key: secret(vaultUri, 'translator-key')
    Translator__Region: translatorRegion
    APPLICATIONINSIGHTS_CONNECTION_STRING: insightsConnectionString
    OTEL_SERVICE_NAME: 'central-bot'
  },
  botAppType == 'SingleTenant'
    ? {
        MicrosoftAppPassword: secret(vaultUri, 'bot-app-password')
      }
    : {},
  // One path per page: the direct webhook (/api/messenger) or Azure Bot Service's Facebook channel (/api/messages).
  direct
    ? {
        Messenger__AppSecret: secret(vaultUri, 'messenger-app-secret')
        Messenger__VerifyToken: secret(vaultUri, 'messenger-verify-token')
        Messenger__PageAccessToken: secret(vaultUri, 'messenger-page-access-token')
      }
    : {},
  empty(oidcClientId)
    ? {}
    : {
        Workspace__Oidc__Authority: oidcAuthority
        Workspace__Oidc__ClientId: oidcClientId
        Workspace__Oidc__ClientSecret: secret(vaultUri, 'workspace-oidc-client-secret')
      },
  toObject(items(messaging), item => 'Messaging__${item.key}', item => string(item.value))
)

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: 'asp-${name}'
  location: location
  tags: tags
  kind: 'linux'
  sku: {
    name: sku
    capacity: instanceCount
  }
  properties: {
    reserved: true
  }
}

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: tags
  kind: 'app,linux,container'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identityId}': {} }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientAffinityEnabled: false
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      linuxFxVersion: 'DOCKER|${image}'
      acrUseManagedIdentityCreds: true
      acrUserManagedIdentityID: identityClientId
      alwaysOn: true
      // Ready = database reachable and migrated; an instance that is not leaves the load balancer.
      healthCheckPath: '/readyz'
      http20Enabled: true
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      appSettings: [for setting in items(settings): { name: setting.key, value: setting.value }]
    }
  }
}

// Deployments go through the registry, never FTP or basic-auth Kudu.
resource noFtp 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: site
  name: 'ftp'
  properties: { allow: false }
}

resource noScmPassword 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: site
  name: 'scm'
  properties: { allow: false }
}

resource logs 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: site
  properties: {
    workspaceId: workspaceId
    logs: [
      { category: 'AppServiceConsoleLogs', enabled: true }
      { category: 'AppServiceHTTPLogs', enabled: true }
      { category: 'AppServicePlatformLogs', enabled: true }
    ]
  }
}

// OutboxWorker logs this (Critical) when Meta or the Bot Connector refuses the token: nothing is delivered until a
// person replaces it, so it pages someone.
resource tokenRefused 'Microsoft.Insights/scheduledQueryRules@2023-03-15-preview' = {
  name: 'alert-${name}-token-refused'
  location: location
  tags: tags
  properties: {
    displayName: 'Central: an access token was refused'
    description: 'A console line "ALERT: the … access token was refused". Replace the token (deploy/README.md, Rotate secrets).'
    severity: 0
    enabled: true
    scopes: [workspaceId]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT5M'
    criteria: {
      allOf: [
        {
          query: 'AppServiceConsoleLogs | where _ResourceId =~ "${toLower(site.id)}" and ResultDescription contains "ALERT:"'
          timeAggregation: 'Count'
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: { numberOfEvaluationPeriods: 1, minFailingPeriodsToAlert: 1 }
        }
      ]
    }
    autoMitigate: true
    actions: { actionGroups: [actionGroupId] }
  }
  dependsOn: [logs]
}

resource unhealthy 'Microsoft.Insights/metricAlerts@2018-03-01' = {
  name: 'alert-${name}-not-ready'
  location: 'global'
  tags: tags
  properties: {
    description: 'Fewer than all instances answered /readyz for 15 minutes: the database is unreachable or not migrated (deploy/README.md, Troubleshooting).'
    severity: 1
    enabled: true
    scopes: [site.id]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT15M'
    criteria: {
      'odata.type': 'Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria'
      allOf: [
        {
          criterionType: 'StaticThresholdCriterion'
          name: 'health'
          metricName: 'HealthCheckStatus'
          operator: 'LessThan'
          threshold: 100
          timeAggregation: 'Average'
        }
      ]
    }
    actions: [{ actionGroupId: actionGroupId }]
  }
}

output name string = site.name
output hostName string = site.properties.defaultHostName
output outboundIpAddresses string = site.properties.possibleOutboundIpAddresses
