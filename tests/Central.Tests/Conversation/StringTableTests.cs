using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Resources;
using System.Text.RegularExpressions;
using Central.Dialogs.Conversation.Localization;

namespace Central.Tests.Conversation;

/// <summary>Every string a worker can see exists in Khmer and in English, and the two agree on their placeholders.</summary>
public sealed partial class StringTableTests
{
    public static TheoryData<string> Tables()
    {
        var data = new TheoryData<string>();
        foreach (var type in TableTypes())
        {
            data.Add(type.FullName!);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Tables))]
    public void Every_key_has_English_and_Khmer_with_the_same_placeholders(string table)
    {
        var resources = new ResourceManager(table, typeof(Text).Assembly);
        var english = Entries(resources, CultureInfo.InvariantCulture);
        var khmer = Entries(resources, CultureInfo.GetCultureInfo("km"), tryParents: false);

        Assert.NotEmpty(english);
        Assert.Equal(english.Keys.Order(), khmer.Keys.Order());
        foreach (var (key, en) in english)
        {
            var km = khmer[key];
            Assert.False(string.IsNullOrWhiteSpace(en), $"{table}.{key} is empty in English");
            Assert.True(KhmerLetter().IsMatch(km) || km == "English", $"{table}.{key} has no Khmer letters: {km}");
            Assert.NotEqual(en, km);
            Assert.Equal(Placeholders(en), Placeholders(km));
        }
    }

    [Theory]
    [MemberData(nameof(Tables))]
    public void Every_property_of_the_table_class_names_a_key(string table)
    {
        var type = typeof(Text).Assembly.GetType(table)!;
        var resources = new ResourceManager(table, typeof(Text).Assembly);
        var keys = Entries(resources, CultureInfo.InvariantCulture).Keys.ToHashSet();
        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Static).Where(p => p.PropertyType == typeof(Text)).ToList();

        Assert.All(properties, p => Assert.Contains(((Text)p.GetValue(null)!).Key!, keys));
    }

    private static IEnumerable<Type> TableTypes() =>
        typeof(Text).Assembly.GetTypes().Where(t => t.IsClass && t.IsAbstract && t.IsSealed
            && t.GetFields(BindingFlags.NonPublic | BindingFlags.Static).Any(f => f.FieldType == typeof(TextTable)));

    private static Dictionary<string, string> Entries(ResourceManager resources, CultureInfo culture, bool tryParents = true)
    {
        var set = resources.GetResourceSet(culture, createIfNotExists: true, tryParents) ?? throw new InvalidOperationException($"No {culture.Name} resources for {resources.BaseName}.");
        return set.Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string)e.Value!);
    }

    private static string Placeholders(string text) => string.Join(",", PlaceholderPattern().Matches(text).Select(m => m.Value).Order());

    [GeneratedRegex(@"\{\d+(:[^}]*)?\}")]
    private static partial Regex PlaceholderPattern();

    [GeneratedRegex(@"[\u1780-\u17FF]")]
    private static partial Regex KhmerLetter();
}
