// Central on Azure: App Service (Linux container, two instances) + Azure SQL + Key Vault + Azure Bot + Translator +
// Log Analytics / Application Insights. Deploy into a resource group; deploy/README.md is the runbook.
//
//   az deployment group create -g <group> -f deploy/azure/main.bicep -p deploy/azure/main.bicepparam
//
// Secrets are secure parameters written to Key Vault only when given, so a deployment that leaves them empty keeps
// what the vault holds. The app reads every secret through a Key Vault reference with its own managed identity.

targetScope = 'resourceGroup'

@description('Short name the resources are named after (letters and digits).')
@minLength(3)
@maxLength(11)
param name string = 'central'

param location string = resourceGroup().location

@description('The image tag in this deployment\'s registry, as pushed by `az acr build -t central:<tag>`.')
param imageTag string

@description('App Service plan: B1 (1 core, 1.75 GB) is enough for CENTRAL\'s traffic; Basic allows up to 3 instances.')
@allowed(['B1', 'B2', 'B3', 'S1', 'S2', 'P0v3', 'P1v3'])
param appServiceSku string = 'B1'

@description('Instances behind the load balancer. Two keep the bot answering while one restarts; 1 halves the cost.')
@minValue(1)
@maxValue(10)
param instanceCount int = 2

@description('Database size: S0 (10 DTU) / S1 (20 DTU) / S2 (50 DTU) are always on; GP_S_* are serverless vCores.')
@allowed(['Basic', 'S0', 'S1', 'S2', 'S3', 'GP_S_Gen5_1', 'GP_S_Gen5_2'])
param sqlSku string = 'S1'

@description('Point-in-time restore window in days (Basic keeps at most 7).')
@minValue(1)
@maxValue(35)
param sqlBackupRetentionDays int = 14

@description('How long a monthly long-term backup is kept (ISO 8601, e.g. P12M); empty keeps none.')
param sqlMonthlyBackupsKeptFor string = 'P12M'

@description('Open Azure SQL to every Azure-hosted client (needed only for `az sql db export`); the app has its own rules.')
param sqlAllowAzureServices bool = false

@description('The SQL login the app uses (the server\'s SQL administrator).')
param sqlAdminLogin string = 'centraladmin'

@description('Its password; only on the first deployment or to rotate it. Empty keeps the current one.')
@secure()
param sqlAdminPassword string = ''

@description('Display name of the Entra user or group that administers SQL and may set Key Vault secrets.')
param adminLogin string

@description('Object id of that user or group (`az ad signed-in-user show --query id -o tsv`).')
param adminObjectId string

@allowed(['User', 'Group'])
param adminPrincipalType string = 'User'

@description('Where alerts are e-mailed (a shared on-call mailbox is best).')
param alertEmail string

@description('Log Analytics daily ingestion cap in GB (the first 5 GB a month are free).')
@minValue(1)
param logDailyCapGb int = 1

@description('32 random bytes in base64 (`openssl rand -base64 32`). FIRST DEPLOYMENT ONLY: a new value makes stored personal data unreadable.')
@secure()
param personalDataKey string = ''

@description('How the page reaches the bot: the direct webhook (/api/messenger) or Azure Bot Service\'s Facebook channel (/api/messages). One per page, never both.')
@allowed(['direct', 'botService'])
param messengerPath string = 'direct'

@description('The Facebook app\'s secret (either path).')
@secure()
param facebookAppSecret string = ''

@description('The page access token (either path).')
@secure()
param facebookPageAccessToken string = ''

@description('Direct path: the verify token you type into the Facebook app\'s webhook settings (`openssl rand -hex 32`).')
@secure()
param messengerVerifyToken string = ''

@description('Bot Service path: the Facebook app id.')
param facebookAppId string = ''

@description('Bot Service path: the Facebook page id.')
param facebookPageId string = ''

param graphApiUrl string = 'https://graph.facebook.com/v23.0'

@description('How the app proves itself to Azure Bot Service: UserAssignedMSI uses the app\'s own managed identity (nothing to create or rotate); SingleTenant uses an Entra app registration and its client secret.')
@allowed(['UserAssignedMSI', 'SingleTenant'])
param botAppType string = 'UserAssignedMSI'

@description('SingleTenant only: the application (client) id of the bot\'s Entra app registration.')
param botAppId string = ''

@description('SingleTenant only: a client secret of that registration.')
@secure()
param botAppPassword string = ''

@allowed(['F0', 'S1'])
param translatorSku string = 'F0'

@description('Messaging:* worker settings, e.g. { InboxConcurrency: 16, LeaseSeconds: 60 }; empty takes the defaults.')
param messaging object = {}

@description('Caseworker sign-in with OpenID Connect (optional): authority, client id and secret.')
param oidcAuthority string = ''
param oidcClientId string = ''
@secure()
param oidcClientSecret string = ''

param tags object = { app: 'central' }

var suffix = uniqueString(resourceGroup().id)
var appName = '${name}-${suffix}'
// Names known before deployment (not module outputs), so `az deployment group what-if` can predict every change.
var translatorName = 'tr-${appName}'
var sqlServerName = 'sql-${appName}'

// The app's identity exists before the app, so Key Vault and the registry trust it before the first start.
resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'id-${appName}'
  location: location
  tags: tags
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    location: location
    name: appName
    dailyCapGb: logDailyCapGb
    alertEmail: alertEmail
    tags: tags
  }
}

module registry 'modules/registry.bicep' = {
  name: 'registry'
  params: {
    location: location
    name: 'cr${name}${suffix}'
    appIdentityId: identity.id
    appPrincipalId: identity.properties.principalId
    tags: tags
  }
}

module translator 'modules/translator.bicep' = {
  name: 'translator'
  params: {
    location: location
    name: translatorName
    sku: translatorSku
    tags: tags
  }
}

module database 'modules/database.bicep' = {
  name: 'database'
  params: {
    location: location
    name: sqlServerName
    tags: tags
    sku: sqlSku
    backupRetentionDays: sqlBackupRetentionDays
    monthlyBackupsKeptFor: sqlMonthlyBackupsKeptFor
    adminLogin: sqlAdminLogin
    adminPassword: sqlAdminPassword
    entraAdminLogin: adminLogin
    entraAdminObjectId: adminObjectId
    entraAdminType: adminPrincipalType
    allowAzureServices: sqlAllowAzureServices
  }
}

module vault 'modules/vault.bicep' = {
  name: 'vault'
  params: {
    location: location
    name: take('kv${name}${suffix}', 24)
    tags: tags
    appIdentityId: identity.id
    appPrincipalId: identity.properties.principalId
    adminObjectId: adminObjectId
    adminPrincipalType: adminPrincipalType
    translatorName: translatorName
    sqlServerFqdn: database.outputs.serverFqdn
    sqlDatabaseName: database.outputs.databaseName
    sqlAdminLogin: sqlAdminLogin
    sqlAdminPassword: sqlAdminPassword
    personalDataKey: personalDataKey
    messengerAppSecret: messengerPath == 'direct' ? facebookAppSecret : ''
    messengerVerifyToken: messengerPath == 'direct' ? messengerVerifyToken : ''
    messengerPageAccessToken: messengerPath == 'direct' ? facebookPageAccessToken : ''
    botAppPassword: botAppType == 'SingleTenant' ? botAppPassword : ''
    oidcClientSecret: oidcClientSecret
  }
  dependsOn: [translator]
}

module app 'modules/app.bicep' = {
  name: 'app'
  params: {
    location: location
    name: appName
    tags: tags
    sku: appServiceSku
    instanceCount: instanceCount
    image: '${registry.outputs.loginServer}/central:${imageTag}'
    identityId: identity.id
    identityClientId: identity.properties.clientId
    vaultUri: vault.outputs.uri
    insightsConnectionString: monitoring.outputs.insightsConnectionString
    workspaceId: monitoring.outputs.workspaceId
    actionGroupId: monitoring.outputs.actionGroupId
    messengerPath: messengerPath
    graphApiUrl: graphApiUrl
    botAppType: botAppType
    botAppId: botAppType == 'UserAssignedMSI' ? identity.properties.clientId : botAppId
    botTenantId: tenant().tenantId
    // The global endpoint; a regional resource needs Translator:Region beside its key.
    translatorEndpoint: 'https://api.cognitive.microsofttranslator.com'
    translatorRegion: translator.outputs.region
    messaging: messaging
    oidcAuthority: oidcAuthority
    oidcClientId: oidcClientId
  }
}

module sqlFirewall 'modules/sqlFirewall.bicep' = {
  name: 'sql-firewall'
  params: {
    serverName: sqlServerName
    ipAddresses: app.outputs.outboundIpAddresses
  }
}

module bot 'modules/bot.bicep' = {
  name: 'bot'
  params: {
    name: 'bot-${appName}'
    tags: tags
    endpoint: 'https://${app.outputs.hostName}/api/messages'
    appType: botAppType
    appId: botAppType == 'UserAssignedMSI' ? identity.properties.clientId : botAppId
    identityId: identity.id
    tenantId: tenant().tenantId
    facebookChannel: messengerPath == 'botService'
    facebookAppId: facebookAppId
    facebookPageId: facebookPageId
    facebookAppSecret: facebookAppSecret
    facebookPageAccessToken: facebookPageAccessToken
  }
}

output appUrl string = 'https://${app.outputs.hostName}'
output appName string = app.outputs.name
output messengerWebhook string = messengerPath == 'direct' ? 'https://${app.outputs.hostName}/api/messenger' : ''
output botMessagingEndpoint string = 'https://${app.outputs.hostName}/api/messages'
output botName string = bot.outputs.name
output registryName string = registry.outputs.name
output keyVaultName string = vault.outputs.name
output sqlServer string = database.outputs.serverFqdn
output sqlDatabase string = database.outputs.databaseName
