// Key Vault (RBAC, purge protection) holding every secret the app reads; the app's identity may read them, the
// administrator may set them (rotation). A secret is written only when its value is passed: deploying again without
// it leaves the stored value — and its older versions — as they are.

param location string
param name string
param tags object
@description('The app identity\'s resource id: names the role assignment before the identity exists.')
param appIdentityId string
param appPrincipalId string
param adminObjectId string
param adminPrincipalType string
param translatorName string
param sqlServerFqdn string
param sqlDatabaseName string
param sqlAdminLogin string

@secure()
param sqlAdminPassword string
@secure()
param personalDataKey string
@secure()
param messengerAppSecret string
@secure()
param messengerVerifyToken string
@secure()
param messengerPageAccessToken string
@secure()
param botAppPassword string
@secure()
param oidcClientSecret string

var secretsUser = subscriptionResourceId(
  'Microsoft.Authorization/roleDefinitions',
  '4633458b-17de-408a-b874-0445c86b69e6'
)
var secretsOfficer = subscriptionResourceId(
  'Microsoft.Authorization/roleDefinitions',
  'b86a8fe4-44ce-4948-aee5-eccb2c155cd7'
)

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    // PersonalData--Key cannot be recreated: a deleted vault or secret must stay recoverable.
    enablePurgeProtection: true
    publicNetworkAccess: 'Enabled'
  }
}

resource appReads 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, appIdentityId, secretsUser)
  scope: vault
  properties: {
    roleDefinitionId: secretsUser
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource adminManages 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, adminObjectId, secretsOfficer)
  scope: vault
  properties: {
    roleDefinitionId: secretsOfficer
    principalId: adminObjectId
    principalType: adminPrincipalType
  }
}

resource translator 'Microsoft.CognitiveServices/accounts@2024-10-01' existing = {
  name: translatorName
}

var sqlConnectionString = 'Server=tcp:${sqlServerFqdn},1433;Initial Catalog=${sqlDatabaseName};User ID=${sqlAdminLogin};Password=${sqlAdminPassword};Encrypt=True;TrustServerCertificate=False;Connection Timeout=30'

var given = [
  { name: 'sql-connection-string', value: empty(sqlAdminPassword) ? '' : sqlConnectionString }
  { name: 'personal-data-key', value: personalDataKey }
  { name: 'messenger-app-secret', value: messengerAppSecret }
  { name: 'messenger-verify-token', value: messengerVerifyToken }
  { name: 'messenger-page-access-token', value: messengerPageAccessToken }
  { name: 'bot-app-password', value: botAppPassword }
  { name: 'workspace-oidc-client-secret', value: oidcClientSecret }
]

resource secrets 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = [
  for secret in filter(given, s => !empty(s.value)): {
    parent: vault
    name: secret.name
    properties: {
      value: secret.value
    }
  }
]

// Always from the resource itself, so rotating a Translator key is `az cognitiveservices account keys regenerate`
// followed by a deployment.
resource translatorKey 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'translator-key'
  properties: {
    value: translator.listKeys().key1
  }
}

output name string = vault.name
output uri string = vault.properties.vaultUri
