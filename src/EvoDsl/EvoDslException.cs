namespace EvoDsl;

/// <summary>
/// An error caused by the user's input (a file, an option, a data set). The runner prints its
/// message as one line, without a stack trace, so the message must say what to change.
/// </summary>
public sealed class EvoDslException(string message, Exception? inner = null) : Exception(message, inner);
