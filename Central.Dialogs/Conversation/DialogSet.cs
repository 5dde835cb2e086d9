using System.Reflection;

namespace Central.Dialogs.Conversation;

/// <summary>
/// Every dialog the engine can find by id. A dialog's prompts are its static <see cref="Dialog"/> fields (or static
/// arrays of them) and are added with it, so a conversation resumed after a restart finds the prompt it waited in.
/// </summary>
public sealed class DialogSet
{
    private readonly Dictionary<string, Dialog> _dialogs = new(StringComparer.Ordinal);

    public DialogSet(IEnumerable<Dialog> dialogs)
    {
        foreach (var dialog in dialogs)
        {
            Add(dialog);
        }
    }

    public Dialog Find(string id) =>
        _dialogs.TryGetValue(id, out var dialog) ? dialog : throw new KeyNotFoundException($"No dialog '{id}' is registered.");

    public bool Contains(string id) => _dialogs.ContainsKey(id);

    private void Add(Dialog dialog)
    {
        if (_dialogs.TryGetValue(dialog.Id, out var existing))
        {
            if (!ReferenceEquals(existing, dialog))
            {
                throw new InvalidOperationException($"Two dialogs share the id '{dialog.Id}'.");
            }
            return;
        }
        _dialogs[dialog.Id] = dialog;
        var fields = dialog.GetType().GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic);
        foreach (var field in fields)
        {
            switch (field.GetValue(null))
            {
                case Dialog child:
                    Add(child);
                    break;
                case IEnumerable<Dialog> children:
                    foreach (var child in children)
                    {
                        Add(child);
                    }
                    break;
            }
        }
    }
}
