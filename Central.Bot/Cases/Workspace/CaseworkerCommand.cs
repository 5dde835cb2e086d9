using Central.Data.Audit;
using Central.Data.Caseworkers;
using Microsoft.AspNetCore.Identity;

namespace Central.Bot.Cases.Workspace;

/// <summary>
/// <c>dotnet run --project Central.Bot -- caseworker add --email E --name N --role admin --password-stdin</c>: creates
/// an account (the first admin, typically). The password is read from standard input, never from the command line
/// (which other users of the machine and the shell's history can see); there is no default password.
/// </summary>
public static class CaseworkerCommand
{
    public const string Usage = "Usage: caseworker add --email E --name N --role caseworker|supervisor|admin --password-stdin";

    /// <returns>The process exit code: 0 added, 1 refused (weak password, address taken), 2 wrong usage.</returns>
    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextReader input, TextWriter output, CancellationToken cancellationToken)
    {
        if (args.Length == 0 || args[0] != "add" || !TryParse(args[1..], out var options))
        {
            await output.WriteLineAsync(Usage);
            return 2;
        }
        if (!options.TryGetValue("--email", out var email) || !email.Contains('@', StringComparison.Ordinal)
            || !options.TryGetValue("--name", out var name) || name.Trim().Length == 0
            || !options.TryGetValue("--role", out var role) || !CaseworkerRole.All.Contains(role)
            || !options.ContainsKey("--password-stdin"))
        {
            await output.WriteLineAsync(Usage);
            return 2;
        }
        var password = (await input.ReadLineAsync(cancellationToken))?.TrimEnd('\r', '\n') ?? "";
        if (PasswordPolicy.Check(password, email, name) is { } problem)
        {
            await output.WriteLineAsync(PasswordPolicy.Explain(problem));
            return 1;
        }
        var hasher = services.GetRequiredService<IPasswordHasher<Caseworker>>();
        var id = await services.GetRequiredService<CaseworkerStore>().AddAsync(email, name, role, hasher.HashPassword(new Caseworker(), password), cancellationToken);
        if (id is null)
        {
            await output.WriteLineAsync($"An account with the address {email.Trim().ToLowerInvariant()} already exists; nothing was changed.");
            return 1;
        }
        await services.GetRequiredService<AuditLog>().WriteAsync("command-line", "account_added", CaseworkerSignIn.Actor(id.Value), role, cancellationToken);
        await output.WriteLineAsync($"Added {role} account {id} for {email.Trim().ToLowerInvariant()}. Sign in at /workspace/sign-in.");
        return 0;
    }

    private static bool TryParse(string[] args, out Dictionary<string, string> options)
    {
        options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--password-stdin":
                    options[args[i]] = "";
                    break;
                case "--email" or "--name" or "--role" when i + 1 < args.Length:
                    options[args[i]] = args[++i];
                    break;
                default:
                    return false;
            }
        }
        return true;
    }
}
