namespace Monitor.Agent.Apps;

/// <summary>Rotates an app's output.log by copy-and-truncate: the app holds the file open with O_APPEND, so after the
/// truncate its next write lands at the new end. Keeps <see cref="AppPaths.KeptRotations"/> old files (.1 newest).
/// Lines written between the copy and the truncate are lost (the usual copytruncate window; logrotate has the same).</summary>
internal static class AppLogRotation
{
    public static bool RotateIfLarge(AppPaths paths, long maxBytes)
    {
        var info = new FileInfo(paths.LogFile);
        if (!info.Exists || info.Length <= maxBytes) return false;
        for (var n = AppPaths.KeptRotations - 1; n >= 1; n--)
            if (File.Exists(paths.Rotated(n))) File.Move(paths.Rotated(n), paths.Rotated(n + 1), overwrite: true);
        File.Copy(paths.LogFile, paths.Rotated(1), overwrite: true);
        using var stream = new FileStream(paths.LogFile, FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
        stream.SetLength(0);
        return true;
    }
}
