namespace OpinionBot.Reports;

/// <summary>The evidence entries (their files are in <see cref="Storage.IFileStore"/>); an entry is never replaced.</summary>
public interface IEvidenceRecordStore
{
    EvidenceRecord? Find(string number);

    /// <summary>An incident's entries, oldest capture first.</summary>
    IReadOnlyList<EvidenceRecord> Of(string incidentNumber);

    void Add(EvidenceRecord record);

    int Count();
}
