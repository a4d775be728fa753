using OpinionBot.Reports;

namespace OpinionBot.Storage.Stores;

internal sealed class EvidenceRecordStore(IDocumentTable<EvidenceRecord> records) : IEvidenceRecordStore
{
    public EvidenceRecord? Find(string number) => records.Get(number);

    public IReadOnlyList<EvidenceRecord> Of(string incidentNumber) =>
        [.. records.Where(nameof(EvidenceRecord.IncidentNumber), incidentNumber).OrderBy(r => r.Sequence)];

    public void Add(EvidenceRecord record) => records.Insert(record);

    public int Count() => records.Count();
}
