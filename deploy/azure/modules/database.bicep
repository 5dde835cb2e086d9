// Azure SQL: one logical server with an Entra administrator, one database with point-in-time restore and monthly
// long-term backups. The app signs in with SQL authentication (its connection string is a Key Vault secret):
// Entra sign-in from the app needs Microsoft.Data.SqlClient.Extensions.Azure, which the build does not carry yet.

param location string
param name string
param tags object

@description('Basic, S0–S3 (DTU, always on) or GP_S_Gen5_1/2 (serverless General Purpose).')
param sku string
param backupRetentionDays int
param monthlyBackupsKeptFor string
param adminLogin string
@secure()
param adminPassword string
param entraAdminLogin string
param entraAdminObjectId string
param entraAdminType string
param allowAzureServices bool

var serverless = startsWith(sku, 'GP_S_')
var tier = serverless ? 'GeneralPurpose' : (sku == 'Basic' ? 'Basic' : 'Standard')

resource server 'Microsoft.Sql/servers@2023-08-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    administratorLogin: adminLogin
    // Only on the first deployment (or to reset it): an empty value leaves the current password alone.
    administratorLoginPassword: empty(adminPassword) ? null : adminPassword
    minimalTlsVersion: '1.2'
    publicNetworkAccess: 'Enabled'
    administrators: {
      administratorType: 'ActiveDirectory'
      principalType: entraAdminType
      login: entraAdminLogin
      sid: entraAdminObjectId
      tenantId: tenant().tenantId
      azureADOnlyAuthentication: false
    }
  }
}

resource database 'Microsoft.Sql/servers/databases@2023-08-01' = {
  parent: server
  name: 'central'
  location: location
  tags: tags
  sku: serverless
    ? { name: sku, tier: tier, family: 'Gen5', capacity: int(last(split(sku, '_'))) }
    : { name: sku, tier: tier }
  properties: {
    // A version-100 collation: its tables give Khmer letters their own weights (the default SQL_Latin1 one predates
    // them). Case-insensitive like the default the SQL Server test suite runs on. Cannot be changed after creation.
    collation: 'Latin1_General_100_CI_AS_SC'
    requestedBackupStorageRedundancy: 'Geo'
    zoneRedundant: false
    // Serverless only: the workers poll the database, so it would rarely pause; minCapacity is what it costs idle.
    autoPauseDelay: serverless ? -1 : null
    minCapacity: serverless ? json('0.5') : null
  }
}

resource pointInTime 'Microsoft.Sql/servers/databases/backupShortTermRetentionPolicies@2023-08-01' = {
  parent: database
  name: 'default'
  properties: {
    retentionDays: sku == 'Basic' ? min(backupRetentionDays, 7) : backupRetentionDays
  }
}

resource longTerm 'Microsoft.Sql/servers/databases/backupLongTermRetentionPolicies@2023-08-01' = if (!empty(monthlyBackupsKeptFor)) {
  parent: database
  name: 'default'
  properties: {
    monthlyRetention: monthlyBackupsKeptFor
  }
}

// Needed by `az sql db export` (the Import/Export service) and any Azure-hosted tool; off by default.
resource azureServices 'Microsoft.Sql/servers/firewallRules@2023-08-01' = if (allowAzureServices) {
  parent: server
  name: 'AllowAllWindowsAzureIps'
  properties: {
    startIpAddress: '0.0.0.0'
    endIpAddress: '0.0.0.0'
  }
}

output serverName string = server.name
output serverFqdn string = server.properties.fullyQualifiedDomainName
output databaseName string = database.name
