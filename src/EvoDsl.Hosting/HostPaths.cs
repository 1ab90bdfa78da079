namespace EvoDsl.Hosting;

/// <summary>Folder options of the command line, turned into full paths or refused with the option's name.</summary>
internal static class HostPaths
{
    public static string Directory(string value, string option)
    {
        if (string.IsNullOrWhiteSpace(value))
            throw new EvoDslException($"{option} is empty; pass a folder");
        try
        {
            return Path.GetFullPath(value);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new EvoDslException($"{option} '{value}' is not a valid path ({e.Message}); pass a folder", e);
        }
    }

    /// <summary>A folder the command will write into: created if missing; a file in its place is refused by the option's name.</summary>
    public static string WritableDirectory(string value, string option)
    {
        string path = Directory(value, option);
        if (File.Exists(path))
            throw new EvoDslException($"{option} '{path}' is a file; pass a folder");
        try
        {
            System.IO.Directory.CreateDirectory(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new EvoDslException($"{option} '{path}' cannot be created ({e.Message}); pass a writable folder", e);
        }
        return path;
    }
}
