namespace Monitor.Control.Store.Sqlite;

/// <summary>The store holds the action history (commands, outputs, who did what): only its owner may read it.
/// A new store's directory is made 0700 and its file 0600 before SQLite opens it — SQLite gives the -wal and -shm
/// files the database file's mode — and an existing store readable by others is narrowed to 0600.</summary>
internal static class SqliteFileModes
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OthersMask = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    public static void CreateDirectory(string directory)
    {
        if (OperatingSystem.IsWindows()) Directory.CreateDirectory(directory);
        else Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    public static void Restrict(string databaseFile)
    {
        if (OperatingSystem.IsWindows()) return;
        try
        {
            if (!File.Exists(databaseFile))
            {
                // An empty file is an empty SQLite database; creating it here fixes its mode before SQLite does.
                using var created = new FileStream(databaseFile, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = OwnerOnly });
                return;
            }
            foreach (var file in new[] { databaseFile, databaseFile + "-wal", databaseFile + "-shm" })
                if (File.Exists(file) && (File.GetUnixFileMode(file) & OthersMask) != 0) File.SetUnixFileMode(file, OwnerOnly);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Another process created it first, or the file belongs to someone else: SQLite reports what matters.
        }
    }
}
