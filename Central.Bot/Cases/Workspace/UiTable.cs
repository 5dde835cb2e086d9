using System.Globalization;
using System.Resources;
using System.Runtime.CompilerServices;

namespace Central.Bot.Cases.Workspace;

/// <summary>
/// A string table of the workspace, the host's counterpart of the conversation core's TextTable: <c>X.resx</c>
/// (English) and <c>X.km.resx</c> (Khmer) beside a static class <c>X</c> whose members name the keys. Rendered in
/// the request's UI culture (the language switch), or in a language given (what a worker is sent).
/// </summary>
public sealed class UiTable(Type owner)
{
    public ResourceManager Resources { get; } = new(owner.FullName!, owner.Assembly);

    public string Get([CallerMemberName] string key = "") => Get(key, CultureInfo.CurrentUICulture);

    public string Get(string key, CultureInfo culture) =>
        Resources.GetString(key, culture)
        ?? throw new MissingManifestResourceException($"The string table {owner.FullName} has no '{key}'. Add it to both .resx files.");

    public string Format(string key, params object?[] args) => Format(CultureInfo.CurrentUICulture, key, args);

    public string Format(CultureInfo culture, string key, params object?[] args) => string.Format(culture, Get(key, culture), args);
}
