namespace OpinionBot.Text;

/// <summary>Operations: database backups.</summary>
public sealed partial class Strings
{
    public string BackupDescription => Pick("立即备份数据库", "Back up the database now");
    public string BackupStarted => Pick("⏳ 正在备份数据库…", "⏳ Backing up the database…");
    public string BackupDone(string file, long bytes, int incidents) => Pick(
        $"✅ 备份完成：<code>{file}</code>（{bytes / 1024.0:0.#} KB，舆情 {incidents} 件，已校验可打开）",
        $"✅ Backup written: <code>{file}</code> ({bytes / 1024.0:0.#} KB, {incidents} incidents, verified)");
    public string BackupFailed(string error) => Pick($"❌ 备份失败：{error}", $"❌ Backup failed: {error}");
    public string BackupByPgDump => Pick(
        "ℹ️ 数据存放在 PostgreSQL 中，机器人不生成备份文件：请用 <code>pg_dump</code> 或数据库服务器自身的备份功能备份。",
        "ℹ️ The data lives in PostgreSQL, so the bot writes no backup file: back it up with <code>pg_dump</code> or the database server's own backups.");
}
