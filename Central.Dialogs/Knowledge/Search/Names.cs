using System.Text.RegularExpressions;

namespace Central.Dialogs.Knowledge.Search;

/// <summary>Names looked for in a question: Khmer ones as written, Latin ones as whole words.</summary>
internal sealed class Names(IEnumerable<string> khmer, Regex latin)
{
    // Normalized once, as the questions they are looked for in are.
    private readonly string[] _khmer = [.. khmer.Select(KhmerNormalizer.Normalize)];

    public bool AreIn(string question)
    {
        var normalized = KhmerNormalizer.Normalize(question);
        return latin.IsMatch(normalized) || _khmer.Any(name => normalized.Contains(name, StringComparison.Ordinal));
    }

    /// <summary>The question with the names taken out, or null when it names none.</summary>
    public string? Without(string question)
    {
        var normalized = KhmerNormalizer.Normalize(question);
        var rest = latin.Replace(normalized, " ");
        foreach (var name in _khmer)
        {
            rest = rest.Replace(name, " ", StringComparison.Ordinal);
        }
        return rest == normalized ? null : rest;
    }
}
