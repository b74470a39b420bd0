using System.Text;
using Microsoft.Data.Sqlite;

namespace Ombud.Tests.Support;

/// <summary>The migrated SQLite file of this test process (see <see cref="MigratedTemplates"/>).</summary>
internal static class SqliteTemplate
{
    private const string Prefix = "ombud-template-";
    private const string OwnerFile = "owner.lock";

    private static readonly Lazy<Task<string>> Template = new(BuildAsync);

    // Open with FileShare.None until the process ends: a later run that can open it knows its maker is gone.
    private static FileStream? _owner;

    public static async Task CopyToAsync(string path) => File.Copy(await Template.Value, path);

    private static async Task<string> BuildAsync()
    {
        RemoveOrphans();
        var directory = Directory.CreateTempSubdirectory(Prefix).FullName;
        _owner = new FileStream(Path.Combine(directory, OwnerFile), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None);
        await _owner.WriteAsync(Encoding.UTF8.GetBytes($"made by process {Environment.ProcessId}\n"));
        await _owner.FlushAsync();
        var path = Path.Combine(directory, "ombud.db");
        var used = await MigratedTemplates.MigrateAsync("sqlite", $"Data Source={path}");

        // Copying the file alone is complete only once nothing of it is left in the write-ahead log: close every pooled
        // connection of the host, then fold the log into the file (the journal mode itself stays WAL, stored in the file).
        SqliteConnection.ClearPool(new SqliteConnection(used));
        await using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var checkpoint = connection.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            await checkpoint.ExecuteNonQueryAsync();
        }

        return path;
    }

    private static void RemoveOrphans()
    {
        foreach (var directory in Directory.EnumerateDirectories(Path.GetTempPath(), $"{Prefix}*"))
        {
            // A folder this young may be a template whose owner file is about to be locked.
            if (DateTime.UtcNow - Directory.GetLastWriteTimeUtc(directory) < TimeSpan.FromMinutes(1))
            {
                continue;
            }

            try
            {
                if (File.Exists(Path.Combine(directory, OwnerFile)))
                {
                    // Throws while the run that made it holds it.
                    using (new FileStream(Path.Combine(directory, OwnerFile), FileMode.Open, FileAccess.ReadWrite, FileShare.None))
                    {
                    }
                }
                else if (Directory.GetLastWriteTimeUtc(directory) > DateTime.UtcNow.AddDays(-1))
                {
                    // Made by the first version of this class, which took no lock: only a day's age says its run is over.
                    continue;
                }

                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
                // Its maker is still running, or the folder is not ours to judge.
            }
            catch (UnauthorizedAccessException)
            {
                // Another user's.
            }
        }
    }
}
