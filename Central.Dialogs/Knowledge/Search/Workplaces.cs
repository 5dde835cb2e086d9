using System.Text.RegularExpressions;

namespace Central.Dialogs.Knowledge.Search;

/// <summary>
/// The kinds of workplace workers name when they tell where they work ("I work in a restaurant, the boss made us work
/// on New Year"). The workplace is the setting of most such questions, not their subject, but its long, rare words
/// carried them to the one entry that is about workplaces (who gets the minimum wage).
/// </summary>
public static partial class Workplaces
{
    private static readonly Names Named = new(["ភោជនីយដ្ឋាន", "សណ្ឋាគារ", "ហាងកាហ្វេ", "កាហ្វេ", "ហាងលក់", "ហាង", "ការដ្ឋានសំណង់", "ការដ្ឋាន", "សំណង់", "ខារ៉ាអូខេ", "ម៉ាស្សា"], LatinWorkplace());

    /// <summary>The question with the workplaces it names taken out, or null when it names none.</summary>
    public static string? Without(string question) => Named.Without(question);

    [GeneratedRegex(@"(?<![a-z])(restaurants?|resturant|hotels?|cafe|coffee shop|shops?|stores?|construction sites?|construction|building site|karaoke|massage|hang kafe|kafe|hang|samnong|sangsang|kar dan)(?![a-z])", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex LatinWorkplace();
}
