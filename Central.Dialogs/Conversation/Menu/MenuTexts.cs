using Central.Dialogs.Conversation.Localization;

namespace Central.Dialogs.Conversation.Menu;

public static class MenuTexts
{
    private static readonly TextTable Table = new(typeof(MenuTexts));

    public static Text Welcome => Table.Get();
    public static Text Privacy => Table.Get();
    public static Text WhatToDo => Table.Get();
    public static Text Ask => Table.Get();
    public static Text Report => Table.Get();
    public static Text CheckCase => Table.Get();
    public static Text Person => Table.Get();
    public static Text DeleteMyData => Table.Get();
    public static Text Menu => Table.Get();
    public static Text OtherLanguage => Table.Get();
    public static Text Help => Table.Get();
    public static Text LanguageSwitched => Table.Get();
    public static Text Stopped => Table.Get();
    public static Text GaveUp => Table.Get();
    public static Text SomethingWentWrong => Table.Get();
    public static Text PersonRequested => Table.Get();
    public static Text BackWithBot => Table.Get();
    public static Text QuestionsNotReady => Table.Get();
    public static Text OnlyKhmerAndEnglish => Table.Get();
    public static Text ProfileGreeting => Table.Get();
    public static Text ProfileAsk => Table.Get();
    public static Text ProfileReport => Table.Get();
    public static Text ProfileCheckCase => Table.Get();
    public static Text ProfilePerson => Table.Get();
    public static Text ProfileLanguage => Table.Get();
}
