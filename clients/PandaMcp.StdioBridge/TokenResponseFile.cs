namespace PandaMcp.StdioBridge;

/// <summary>
/// Writes a token response to the token file as a whole: to a file of its own first, readable by its owner only
/// (0600), then renamed over the old one, so that a bridge or a script reading the file never sees half of one.
/// </summary>
internal static class TokenResponseFile
{
    public static async Task WriteAsync(string path, string json, CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        try
        {
            await using (var file = new FileStream(temporary, options))
            {
                await using (var writer = new StreamWriter(file, leaveOpen: true))
                {
                    await writer.WriteAsync(json.AsMemory(), cancellationToken);
                }
                // On disk before the rename makes it the token file: a crash must not leave an empty one.
                file.Flush(flushToDisk: true);
            }
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
