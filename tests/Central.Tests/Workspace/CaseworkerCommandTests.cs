using System.Diagnostics;
using Central.Bot;
using Central.Bot.Cases.Workspace;
using Central.Data.Caseworkers;
using Central.Tests.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Central.Tests.Workspace;

/// <summary><c>caseworker add … --password-stdin</c>: the first admin, with no default password anywhere.</summary>
public sealed class CaseworkerCommandTests : IAsyncLifetime
{
    private readonly CentralApp _app = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        _app.Start().Dispose();
        return ValueTask.CompletedTask;
    }

    [Fact]
    public void The_command_is_recognised_and_keeps_its_words_away_from_the_settings()
    {
        var (command, settings) = CommandLine.Split(["caseworker", "add", "--email", "a@central.test", "--name", "A", "--role", "admin", "--password-stdin"]);

        Assert.Equal("caseworker", command![0]);
        Assert.Empty(settings);
    }

    [Theory]
    [InlineData("short", "at least 12 characters")]
    [InlineData("aaaaaaaaaaaaaaaa", "too few different characters")]
    [InlineData("password1234", "attackers try first")]
    [InlineData("sophea-sophea-2026", "name or e-mail address")]
    public async Task A_weak_password_is_refused_with_a_clear_reason_and_no_account_is_made(string password, string reason)
    {
        var output = new StringWriter();

        var exit = await RunAsync(["add", "--email", "sophea@central.test", "--name", "Sophea", "--role", "admin", "--password-stdin"], password, output);

        Assert.Equal(1, exit);
        Assert.Contains(reason, output.ToString(), StringComparison.Ordinal);
        Assert.Null(await _app.Services.GetRequiredService<CaseworkerStore>().FindByEmailAsync("sophea@central.test", Ct));
    }

    [Fact]
    public async Task The_first_admin_gets_a_hashed_password_they_can_sign_in_with()
    {
        var output = new StringWriter();

        var exit = await RunAsync(["add", "--email", "Chenda@Central.test", "--name", "ចិន្តា", "--role", "admin", "--password-stdin"], "river mango lantern seven", output);
        var again = await RunAsync(["add", "--email", "chenda@central.test", "--name", "X", "--role", "caseworker", "--password-stdin"], "river mango lantern seven", new StringWriter());

        Assert.Equal(0, exit);
        Assert.Equal(1, again);
        var account = (await _app.Services.GetRequiredService<CaseworkerStore>().FindByEmailAsync("chenda@central.test", Ct))!;
        Assert.Equal(CaseworkerRole.Admin, account.Role);
        Assert.DoesNotContain("river", account.PasswordHash, StringComparison.Ordinal);
        Assert.Equal(PasswordVerificationResult.Success,
            _app.Services.GetRequiredService<IPasswordHasher<Caseworker>>().VerifyHashedPassword(account, account.PasswordHash, "river mango lantern seven"));
    }

    [Theory]
    [InlineData("add", "--email", "a@central.test", "--name", "A", "--role", "root", "--password-stdin")]
    [InlineData("add", "--email", "a@central.test", "--name", "A", "--role", "admin")]
    [InlineData("remove", "--email", "a@central.test")]
    [InlineData("add", "--email", "a@central.test", "--name", "A", "--role", "admin", "--password", "secret")]
    public async Task Wrong_usage_prints_the_usage_and_reads_no_password(params string[] args)
    {
        var output = new StringWriter();

        var exit = await RunAsync(args, "river mango lantern seven", output);

        Assert.Equal(2, exit);
        Assert.StartsWith("Usage: caseworker add", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_real_process_reads_the_password_from_standard_input()
    {
        var folder = Directory.CreateTempSubdirectory("central-command-").FullName;
        try
        {
            var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Central.Bot.dll"),
                "caseworker", "add", "--email", "first@central.test", "--name", "First Admin", "--role", "admin", "--password-stdin"])
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = folder,
            };
            start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
            using var process = Process.Start(start)!;
            await process.StandardInput.WriteLineAsync("river mango lantern seven");
            process.StandardInput.Close();
            var output = await process.StandardOutput.ReadToEndAsync(Ct);
            await process.WaitForExitAsync(Ct);

            Assert.True(process.ExitCode == 0, output + await process.StandardError.ReadToEndAsync(Ct));
            Assert.Contains("Added admin account", output, StringComparison.Ordinal);
            Assert.DoesNotContain("river", output, StringComparison.Ordinal);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private Task<int> RunAsync(string[] args, string stdin, StringWriter output) =>
        CaseworkerCommand.RunAsync(_app.Services, args, new StringReader(stdin + "\n"), output, Ct);

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
