using Central.Data.Contacts;

namespace Central.Bot.Cases.Workspace.Shared;

/// <summary>The conversation as the case and conversation pages show it; <see cref="NameOf"/> names who said each line.</summary>
public sealed record TranscriptView(IReadOnlyList<TranscriptLine> Lines, Func<string, string> NameOf);
