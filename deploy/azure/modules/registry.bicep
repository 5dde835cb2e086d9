// The container registry the app pulls its image from, with the app's identity (no registry password anywhere).
// `az acr build` builds deploy/Dockerfile here, so nobody needs Docker on their own machine.

param location string
param name string
@description('The app identity\'s resource id: names the role assignment before the identity exists.')
param appIdentityId string
param appPrincipalId string
param tags object

var acrPull = subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '7f951dda-4ed3-4680-a7ca-43fe172d538d')

resource registry 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: name
  location: location
  tags: tags
  sku: { name: 'Basic' }
  properties: {
    adminUserEnabled: false
  }
}

resource appCanPull 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(registry.id, appIdentityId, acrPull)
  scope: registry
  properties: {
    roleDefinitionId: acrPull
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

output name string = registry.name
output loginServer string = registry.properties.loginServer
