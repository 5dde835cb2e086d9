using System.Security.Cryptography;
using Central.Bot;
using Central.Bot.Channels.BotFramework;
using Central.Tests.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting.Internal;

namespace Central.Tests.Channels;

/// <summary>The Bot Framework settings, with the SDK's names: what each combination means, and the line a wrong one earns.</summary>
public sealed class BotFrameworkStartupTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("central-bf-startup-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void A_multi_tenant_bot_gets_its_tokens_from_the_botframework_tenant()
    {
        var options = Read(new() { ["MicrosoftAppId"] = "app", ["MicrosoftAppPassword"] = "secret" });

        Assert.Equal(AppType.MultiTenant, options.AppType);
        Assert.False(options.EmulatorMode);
        Assert.Equal("https://login.microsoftonline.com/botframework.com", options.Authority);
        Assert.Equal("https://login.botframework.com/v1/.well-known/openidconfiguration", options.OpenIdMetadataUrl);
    }

    [Fact]
    public void A_single_tenant_bot_gets_its_tokens_from_its_own_tenant()
    {
        var options = Read(new() { ["MicrosoftAppType"] = "SingleTenant", ["MicrosoftAppId"] = "app", ["MicrosoftAppPassword"] = "secret", ["MicrosoftAppTenantId"] = "contoso.onmicrosoft.com" });

        Assert.Equal("https://login.microsoftonline.com/contoso.onmicrosoft.com", options.Authority);
    }

    [Theory]
    [InlineData("SingleTenant", "app", "secret", null, "MicrosoftAppTenantId")]
    [InlineData("MultiTenant", "app", null, null, "MicrosoftAppPassword")]
    [InlineData(null, null, "secret", null, "MicrosoftAppId")]
    [InlineData("Tenantless", "app", "secret", null, "MicrosoftAppType")]
    public void A_half_configured_bot_is_named(string? type, string? appId, string? password, string? tenant, string named)
    {
        var e = Assert.Throws<StartupException>(() => Read(new() { ["MicrosoftAppType"] = type, ["MicrosoftAppId"] = appId, ["MicrosoftAppPassword"] = password, ["MicrosoftAppTenantId"] = tenant }));

        Assert.Contains(named, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Metadata_over_plain_http_to_another_machine_is_refused()
    {
        var e = Assert.Throws<StartupException>(() => Read(new() { ["MicrosoftAppId"] = "app", ["MicrosoftAppPassword"] = "secret", ["BotFramework:OpenIdMetadataUrl"] = "http://login.example/openid" }));

        Assert.Contains("BotFramework:OpenIdMetadataUrl", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Outside_Development_missing_credentials_stop_start_up_naming_the_settings()
    {
        await using var service = ServiceProcess.Start(_folder, new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["PersonalData__Key"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        });

        Assert.Equal(1, await service.WaitForExitAsync(Ct));
        Assert.Contains("Central could not start: MicrosoftAppId and MicrosoftAppPassword are not set.", service.Output, StringComparison.Ordinal);
        Assert.Contains("BotFramework:Enabled=false", service.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", service.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_Development_without_credentials_emulator_mode_is_announced()
    {
        await using var service = ServiceProcess.Start(_folder, new Dictionary<string, string>());

        await service.WaitUntilReadyAsync(Ct);

        Assert.Contains("/api/messages in EMULATOR MODE: no authentication", service.Output, StringComparison.Ordinal);
    }

    private static BotFrameworkOptions Read(Dictionary<string, string?> settings, string environment = "Production") =>
        BotFrameworkOptions.Read(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), new HostingEnvironment { EnvironmentName = environment });

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
