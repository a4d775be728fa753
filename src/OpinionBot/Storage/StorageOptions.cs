namespace OpinionBot.Storage;

public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>The LiteDB file. Relative paths are relative to the working directory.</summary>
    public string Path { get; set; } = "data/opinionbot.db";
}
