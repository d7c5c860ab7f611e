using System.Text;

namespace Controls.Collectors.Tests.GitHub;

/// <summary>Searches every file under a folder (database, WAL, caches) for a string's UTF-8 bytes.</summary>
internal static class DataFolderScanner
{
    public static IReadOnlyList<string> FilesContaining(string folder, string text)
    {
        var needle = Encoding.UTF8.GetBytes(text);
        var hits = new List<string>();
        foreach (var path in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
        {
            using var buffer = new MemoryStream();
            try
            {
                using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                stream.CopyTo(buffer);
            }
            catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
            {
                // A SQLite journal or temp file deleted between listing and opening: its pages are in the database
                // file (or were rolled back), which is scanned.
                continue;
            }

            if (buffer.GetBuffer().AsSpan(0, (int)buffer.Length).IndexOf(needle) >= 0)
            {
                hits.Add(Path.GetRelativePath(folder, path));
            }
        }

        return hits;
    }
}
