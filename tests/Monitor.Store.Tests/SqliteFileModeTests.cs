using Monitor.Control.Store.Sqlite;
using Monitor.Shared.Models;
using Monitor.TestSupport;

namespace Monitor.Store.Tests;

/// <summary>Hardening fault 9: the SQLite store, its WAL and shared-memory files are 0600 and a directory it makes is
/// 0700 (the history holds commands and outputs); an existing store readable by others is narrowed.</summary>
public sealed class SqliteFileModeTests
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    [Fact]
    public async Task A_new_store_its_wal_and_shm_are_owner_only_and_its_new_directory_is_0700()
    {
        using var dir = new TempDirectory();
        var path = dir.File(Path.Combine("state", "monitor.db"));
        await using var store = new SqliteStateStore(path);
        await store.MigrateAsync();
        await store.AddActionAsync(new ActionRecord { Start = DateTimeOffset.UtcNow, User = "u", Type = "t" });

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(path)!));
        Assert.True(File.Exists(path + "-wal"), "the store is in WAL mode with an open connection");
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
            Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(file));
    }

    [Fact]
    public async Task An_existing_store_readable_by_others_is_narrowed_to_0600()
    {
        using var dir = new TempDirectory();
        var path = dir.File("monitor.db");
        await using (var first = new SqliteStateStore(path)) await first.MigrateAsync();
        File.SetUnixFileMode(path, OwnerReadWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        await using var store = new SqliteStateStore(path);
        await store.MigrateAsync();
        Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(path));
    }
}
