// Azure Bot: the registration Azure Bot Service's channels use to reach /api/messages (Bot Framework protocol).
// Its Facebook channel is added only when that is the page's path; with the direct path the bot still serves the
// portal's "Test in Web Chat".

param name string
param tags object
param endpoint string
@allowed(['UserAssignedMSI', 'SingleTenant'])
param appType string
param appId string
@description('The app\'s user-assigned identity, when appType is UserAssignedMSI.')
param identityId string
param tenantId string
param facebookChannel bool
param facebookAppId string
param facebookPageId string
@secure()
param facebookAppSecret string
@secure()
param facebookPageAccessToken string

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: name
  location: 'global'
  tags: tags
  kind: 'azurebot'
  // F0: standard channels (Facebook, Web Chat) are free and unlimited; only premium channels count messages.
  sku: { name: 'F0' }
  properties: {
    displayName: 'CENTRAL'
    endpoint: endpoint
    msaAppType: appType
    msaAppId: appId
    msaAppTenantId: tenantId
    msaAppMSIResourceId: appType == 'UserAssignedMSI' ? identityId : null
  }
}

// Written only when both secrets are given (the channel holds them itself, not Key Vault): a later deployment without
// them leaves the channel as it is instead of blanking its secret.
resource facebook 'Microsoft.BotService/botServices/channels@2022-09-15' = if (facebookChannel && !empty(facebookAppSecret) && !empty(facebookPageAccessToken)) {
  parent: bot
  name: 'FacebookChannel'
  location: 'global'
  properties: {
    channelName: 'FacebookChannel'
    properties: {
      appId: facebookAppId
      appSecret: facebookAppSecret
      pages: [
        {
          id: facebookPageId
          accessToken: facebookPageAccessToken
        }
      ]
      isEnabled: true
    }
  }
}

output name string = bot.name
