namespace Central.Bot.Cases.Workspace;

public enum PasswordProblem
{
    TooShort,
    TooSimple,
    TooCommon,
    ContainsName,
}

/// <summary>
/// What a caseworker's password must be (NIST SP 800-63B's advice: length over composition rules, no common
/// passwords, nothing taken from the account itself). The same rule for the command line and the admin page.
/// </summary>
public static class PasswordPolicy
{
    public const int MinLength = 12;
    public const int MaxLength = 200;

    private static readonly HashSet<string> Common = new(StringComparer.OrdinalIgnoreCase)
    {
        "123456789012", "password1234", "passwordpassword", "qwertyuiopas", "administrator", "changeme1234", "welcome12345",
        "letmein12345", "iloveyou1234", "111111111111", "000000000000", "abcdefghijkl", "qwerty123456", "password123!",
        "central12345", "central2026!", "cambodia1234", "phnompenh123",
    };

    public static PasswordProblem? Check(string password, string email, string name)
    {
        if (password.Length < MinLength || password.Length > MaxLength)
        {
            return PasswordProblem.TooShort;
        }
        if (password.Distinct().Count() < 5)
        {
            return PasswordProblem.TooSimple;
        }
        if (Common.Contains(password) || Common.Any(c => password.Contains(c, StringComparison.OrdinalIgnoreCase)))
        {
            return PasswordProblem.TooCommon;
        }
        var local = email.Split('@')[0];
        var parts = name.Split(' ', StringSplitOptions.RemoveEmptyEntries).Append(local);
        if (parts.Any(p => p.Length >= 4 && password.Contains(p, StringComparison.OrdinalIgnoreCase)))
        {
            return PasswordProblem.ContainsName;
        }
        return null;
    }

    /// <summary>For the command line (an administrator's terminal, in English like the rest of its output).</summary>
    public static string Explain(PasswordProblem problem) => problem switch
    {
        PasswordProblem.TooShort => $"The password is too weak: use at least {MinLength} characters (a phrase of three or four words works well).",
        PasswordProblem.TooSimple => "The password is too weak: it repeats too few different characters.",
        PasswordProblem.TooCommon => "The password is too weak: it is one of the passwords attackers try first.",
        PasswordProblem.ContainsName => "The password is too weak: it contains the person's name or e-mail address.",
        _ => "The password is too weak.",
    };
}
