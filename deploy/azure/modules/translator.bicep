// Azure AI Translator (Translator:* settings), for caseworkers only. F0 is free up to 2 million characters a month
// (one F0 Translator per subscription); S1 is pay-as-you-go.

param location string
param name string
@allowed(['F0', 'S1'])
param sku string
param tags object

resource translator 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: name
  location: location
  tags: tags
  kind: 'TextTranslation'
  sku: { name: sku }
  properties: {
    publicNetworkAccess: 'Enabled'
    // The REST v3 client authenticates with a key (kept in Key Vault) and the resource's region.
    disableLocalAuth: false
  }
}

output name string = translator.name
output region string = translator.location
