using System.Diagnostics;
using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Central.Tests.Storage;

namespace Central.Tests.Deploy;

/// <summary>
/// deploy/azure through the real bicep CLI (the Azure.Bicep.CommandLine package, offline): the templates compile, the
/// linter (deploy/azure/bicepconfig.json) has nothing to say, and the example parameters fit and hold no secret.
/// </summary>
public sealed partial class BicepTests
{
    private static readonly string Templates = Path.Combine(SqlServerScriptTests.RepositoryRoot(), "deploy", "azure");

    // Each run of the CLI costs a few seconds of CPU: the compiled template is shared.
    private static readonly Lazy<Task<BicepResult>> Compiled = new(() => BicepAsync("build", "--no-restore", Path.Combine(Templates, "main.bicep"), "--stdout"));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_Azure_templates_build_without_errors_or_warnings()
    {
        var result = await Compiled.Value;

        result.AssertClean();
        var template = JsonNode.Parse(result.Output)!;
        Assert.Equal("https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", template["$schema"]!.GetValue<string>());
    }

    [Fact]
    public async Task Every_template_and_parameters_file_passes_the_linter()
    {
        // Modules and .bicepparam files included; a .bicepparam is also checked against its template here.
        var result = await BicepAsync("lint", "--no-restore", "--pattern", Path.Combine(Templates, "**", "*.bicep*"));

        result.AssertClean();
    }

    [Fact]
    public async Task The_example_parameters_fit_the_template_and_leave_every_secret_empty()
    {
        var template = await Compiled.Value;
        var parameters = await BicepAsync("build-params", "--no-restore", Path.Combine(Templates, "main.example.bicepparam"), "--stdout");

        parameters.AssertClean();
        var secure = template.Json["parameters"]!.AsObject()
            .Where(p => p.Value!["type"]!.GetValue<string>() == "securestring").Select(p => p.Key).ToList();
        Assert.Contains("personalDataKey", secure);
        Assert.Contains("facebookPageAccessToken", secure);
        var values = JsonNode.Parse(parameters.Json["parametersJson"]!.GetValue<string>())!["parameters"]!.AsObject();
        Assert.All(secure.Where(values.ContainsKey), name => Assert.Equal("", values[name]!["value"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_warning_fails_the_check()
    {
        var folder = Directory.CreateTempSubdirectory("central-bicep-").FullName;
        try
        {
            File.Copy(Path.Combine(Templates, "bicepconfig.json"), Path.Combine(folder, "bicepconfig.json"));
            await File.WriteAllTextAsync(Path.Combine(folder, "unused.bicep"), "param neverUsed string\n", Ct);

            var result = await BicepAsync("lint", "--no-restore", Path.Combine(folder, "unused.bicep"));

            Assert.Contains(result.Diagnostics, d => d.Contains("no-unused-params", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Every_secret_the_app_reads_is_a_Key_Vault_reference_to_a_secret_the_vault_holds()
    {
        var app = File.ReadAllText(Path.Combine(Templates, "modules", "app.bicep"));
        var vault = File.ReadAllText(Path.Combine(Templates, "modules", "vault.bicep"));
        string[] secrets = ["ConnectionStrings__Central", "PersonalData__Key", "Messenger__AppSecret", "Messenger__VerifyToken",
            "Messenger__PageAccessToken", "MicrosoftAppPassword", "Translator__Key", "Workspace__Oidc__ClientSecret"];

        foreach (var setting in secrets)
        {
            var match = Regex.Match(app, $@"^\s*{setting}: secret\(vaultUri, '(?<name>[a-z-]+)'\)$", RegexOptions.Multiline);
            Assert.True(match.Success, $"{setting} must be set as secret(vaultUri, '<name>') in modules/app.bicep");
            Assert.Contains($"name: '{match.Groups["name"].Value}'", vault, StringComparison.Ordinal);
        }
        var plain = SettingLine().Matches(app).Select(m => m.Groups["name"].Value)
            .Where(name => SecretLike().IsMatch(name) && !secrets.Contains(name)).ToList();
        Assert.True(plain.Count == 0, $"Settings that look secret but are not Key Vault references: {string.Join(", ", plain)}");
    }

    private static async Task<BicepResult> BicepAsync(params string[] arguments)
    {
        var bicep = typeof(BicepTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().SingleOrDefault(a => a.Key == "BicepPath")?.Value;
        Assert.SkipWhen(bicep is null, "The bicep CLI package is referenced on Linux x64 only.");
        var start = new ProcessStartInfo(bicep!, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        // The example parameters read secrets from these; the test must see the file as committed, not this machine's.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("CENTRAL_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(Ct);
        var errors = process.StandardError.ReadToEndAsync(Ct);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return new BicepResult(process.ExitCode, await output, await errors);
    }

    private sealed record BicepResult(int ExitCode, string Output, string Errors)
    {
        public IReadOnlyList<string> Diagnostics =>
            [.. Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

        public JsonNode Json => JsonNode.Parse(Output)!;

        public void AssertClean()
        {
            Assert.True(Diagnostics.Count == 0, $"bicep reported:\n{string.Join('\n', Diagnostics)}");
            Assert.Equal(0, ExitCode);
        }
    }

    [GeneratedRegex(@"^\s*(?<name>[A-Za-z_]+): ", RegexOptions.Multiline)]
    private static partial Regex SettingLine();

    [GeneratedRegex("Secret|Password|Token|Key$|ConnectionString", RegexOptions.IgnoreCase)]
    private static partial Regex SecretLike();
}
