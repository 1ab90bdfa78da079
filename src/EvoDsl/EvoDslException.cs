namespace EvoDsl;

/// <summary>
/// An error caused by the user's input (a file, an option, a data set). The runner prints its
/// message as one line, without a stack trace, so the message must say what to change.
/// </summary>
public class EvoDslException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// A checkpoint that cannot be read at all (damaged, of another format or version), as opposed to one of
/// another run; each caller adds what to do, since <c>run</c>, <c>reproduce</c> and a run starting from
/// another's results offer different remedies.
/// </summary>
public sealed class UnreadableCheckpointException(string message, Exception? inner = null) : EvoDslException(message, inner);
