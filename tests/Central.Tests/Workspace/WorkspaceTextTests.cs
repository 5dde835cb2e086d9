using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using Central.Bot.Cases.Workspace;

namespace Central.Tests.Workspace;

/// <summary>Every word of the workspace (screens and what it sends workers) exists in Khmer and English, with the same placeholders.</summary>
public sealed partial class WorkspaceTextTests
{
    public static TheoryData<string> Tables() => [.. TableTypes().Select(t => t.FullName!)];

    [Theory]
    [MemberData(nameof(Tables))]
    public void Every_key_has_English_and_Khmer_with_the_same_placeholders(string table)
    {
        var resources = Table(table).Resources;
        var english = Entries(resources.GetResourceSet(CultureInfo.InvariantCulture, createIfNotExists: true, tryParents: true)!);
        var khmer = Entries(resources.GetResourceSet(CultureInfo.GetCultureInfo("km"), createIfNotExists: true, tryParents: false)!);

        Assert.True(english.Count > 0, $"{table} has no English strings");
        Assert.Equal(english.Keys.Order(), khmer.Keys.Order());
        foreach (var (key, en) in english)
        {
            var km = khmer[key];
            Assert.False(string.IsNullOrWhiteSpace(en), $"{table}.{key} is empty in English");
            Assert.True(KhmerLetter().IsMatch(km), $"{table}.{key} has no Khmer letters: {km}");
            Assert.NotEqual(en, km);
            Assert.Equal(Placeholders(en), Placeholders(km));
        }
    }

    [Theory]
    [MemberData(nameof(Tables))]
    public void Every_member_of_the_table_class_names_a_key(string table)
    {
        var type = typeof(UiTable).Assembly.GetType(table)!;
        var keys = Entries(Table(table).Resources.GetResourceSet(CultureInfo.InvariantCulture, createIfNotExists: true, tryParents: true)!).Keys.ToHashSet();
        var members = type.GetProperties(BindingFlags.Public | BindingFlags.Static).Where(p => p.PropertyType == typeof(string)).Select(p => p.Name)
            .Concat(type.GetMethods(BindingFlags.Public | BindingFlags.Static).Where(m => m.ReturnType == typeof(string) && !m.IsSpecialName).Select(m => m.Name))
            .ToList();

        Assert.NotEmpty(members);
        Assert.All(members, name => Assert.Contains(name, keys));
    }

    [Fact]
    public void Screens_render_in_Khmer_by_default_and_in_English_when_asked()
    {
        var previous = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("km");
            var khmer = WorkspaceTexts.ClaimedBy("ដារ៉ា");
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
            var english = WorkspaceTexts.ClaimedBy("Dara");

            Assert.Equal("ដារ៉ា បានទទួលយកករណីនេះរួចហើយ។", khmer);
            Assert.Equal("Dara already has this case.", english);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    private static IEnumerable<Type> TableTypes() =>
        typeof(UiTable).Assembly.GetTypes().Where(t => t.IsClass && t.IsAbstract && t.IsSealed
            && t.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static).Any(f => f.FieldType == typeof(UiTable)));

    private static UiTable Table(string name) =>
        (UiTable)typeof(UiTable).Assembly.GetType(name)!.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
            .First(f => f.FieldType == typeof(UiTable)).GetValue(null)!;

    private static Dictionary<string, string> Entries(System.Resources.ResourceSet set) =>
        set.Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string)e.Value!);

    private static string Placeholders(string text) => string.Join(",", PlaceholderPattern().Matches(text).Select(m => m.Value).Order());

    [GeneratedRegex(@"\{\d+(:[^}]*)?\}")]
    private static partial Regex PlaceholderPattern();

    [GeneratedRegex(@"[\u1780-\u17FF]")]
    private static partial Regex KhmerLetter();
}
