namespace Central.Bot;

/// <summary>
/// A setting or resource the service cannot start without. Its message names the setting and says what
/// to do; Program prints it alone, without a stack trace.
/// </summary>
public sealed class StartupException(string message, Exception? inner = null) : Exception(message, inner);
