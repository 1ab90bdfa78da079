using System.Text;

namespace EvoDsl.Hosting;

/// <summary>Writes a whole file or nothing: temp file, flush to disk, rename over the target.</summary>
public static class AtomicFile
{
    public static void WriteAllText(string path, string contents)
    {
        string temp = path + ".tmp";
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            byte[] bytes = Encoding.UTF8.GetBytes(contents);
            stream.Write(bytes);
            stream.Flush(flushToDisk: true);
        }
        File.Move(temp, path, overwrite: true);
    }
}
