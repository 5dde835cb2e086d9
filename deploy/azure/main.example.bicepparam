// An example with no real values. Copy it beside main.bicep and fill in the ids:
//   cp deploy/azure/main.example.bicepparam deploy/azure/central.local.bicepparam      (*.local.bicepparam is ignored by git)
// Secrets are never written here: each is read from an environment variable when the deployment runs (deploy/README.md,
// "Deploy"), and a secret left unset is left as Key Vault has it.
using 'main.bicep'

param name = 'central'
param imageTag = '1'

// Who administers SQL and Key Vault: `az ad signed-in-user show --query "{login: userPrincipalName, id: id}"`.
param adminLogin = 'admin@example.org'
param adminObjectId = '00000000-0000-0000-0000-000000000000'
param alertEmail = 'on-call@example.org'

// Azure Bot signs in as the app's own managed identity; 'SingleTenant' (+ botAppId, CENTRAL_BOT_APP_PASSWORD) if preferred.
param botAppType = 'UserAssignedMSI'

// One path per page: 'direct' (webhook /api/messenger) or 'botService' (Azure Bot Service's Facebook channel).
param messengerPath = 'direct'
// Bot Service path only:
param facebookAppId = ''
param facebookPageId = ''

// Cheapest always-on footprint: two B1 instances and an S1 database (deploy/README.md, "What it costs").
param appServiceSku = 'B1'
param instanceCount = 2
param sqlSku = 'S1'
param translatorSku = 'F0'

param sqlAdminPassword = readEnvironmentVariable('CENTRAL_SQL_ADMIN_PASSWORD', '')
param personalDataKey = readEnvironmentVariable('CENTRAL_PERSONAL_DATA_KEY', '')
param facebookAppSecret = readEnvironmentVariable('CENTRAL_FACEBOOK_APP_SECRET', '')
param facebookPageAccessToken = readEnvironmentVariable('CENTRAL_FACEBOOK_PAGE_ACCESS_TOKEN', '')
param messengerVerifyToken = readEnvironmentVariable('CENTRAL_MESSENGER_VERIFY_TOKEN', '')
param botAppPassword = readEnvironmentVariable('CENTRAL_BOT_APP_PASSWORD', '')
