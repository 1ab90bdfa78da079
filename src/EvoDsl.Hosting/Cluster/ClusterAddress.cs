using System.Globalization;

namespace EvoDsl.Hosting.Cluster;

/// <summary>
/// Where a cluster is, as <c>--cluster</c> gives it: <c>primary</c> (a worker that is the development cluster's
/// primary silo on this machine), <c>localhost:PORT</c> (on this machine: a worker joins the primary silo's port,
/// a coordinator connects to a silo's gateway port) or <c>redis://HOST:PORT</c> (the membership table in Redis,
/// for workers on several machines).
/// </summary>
public abstract record ClusterAddress
{
    /// <summary>The development cluster's primary silo, this worker.</summary>
    public sealed record Primary : ClusterAddress;

    /// <summary>A port on this machine's loopback address.</summary>
    public sealed record Localhost(int Port) : ClusterAddress;

    /// <summary>Redis at Host:Port holds the cluster's membership.</summary>
    public sealed record Redis(string Host, int Port) : ClusterAddress
    {
        public string ConnectionString => string.Create(CultureInfo.InvariantCulture, $"{Host}:{Port}");
    }

    public static ClusterAddress Parse(string text, string option, bool worker)
    {
        string usage = worker
            ? $"{option} takes 'primary' (this worker is the first silo), 'localhost:PORT' (join the primary silo listening on PORT) or 'redis://HOST:PORT'"
            : $"{option} takes 'localhost:PORT' (a worker's gateway port) or 'redis://HOST:PORT'";
        text = text.Trim();
        if (text == "primary")
            return worker ? new Primary() : throw new EvoDslException($"{option} primary names a worker's role, not a cluster to connect to; {usage}");
        if (text.StartsWith("redis://", StringComparison.Ordinal))
        {
            string rest = text["redis://".Length..];
            int colon = rest.LastIndexOf(':');
            if (colon <= 0 || !TryPort(rest[(colon + 1)..], out int redisPort))
                throw new EvoDslException($"{option} '{text}' is not redis://HOST:PORT; {usage}");
            return new Redis(rest[..colon], redisPort);
        }
        if (text.StartsWith("localhost:", StringComparison.Ordinal) && TryPort(text["localhost:".Length..], out int port))
            return new Localhost(port);
        throw new EvoDslException($"{option} '{text}' is not a cluster address; {usage}");
    }

    private static bool TryPort(string text, out int port) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out port) && port is > 0 and < 65536;
}
