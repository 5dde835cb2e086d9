using Central.Data.Contacts;

namespace Central.Bot.Cases.Workspace.Shared;

/// <summary>
/// The conversation as the case and conversation pages show it; <see cref="NameOf"/> names who said each line, and
/// the worker's lines get their translation or Translate button from <see cref="Translations"/>.
/// </summary>
public sealed record TranscriptView(IReadOnlyList<TranscriptLine> Lines, Func<string, string> NameOf, PageTranslations? Translations = null);
