using OpinionBot.Chat;

namespace OpinionBot.Storage.Stores;

internal sealed class DigestStore(IDocumentTable<DigestRecord> digests) : IDigestStore
{
    private const string Created = nameof(DigestRecord.CreatedAt);

    public void Add(DigestRecord digest) => digests.Insert(digest);

    public DigestRecord? Find(long id) => digests.Get(id);

    // Old digests are forgotten after a month, so the kept ones are few.
    public IReadOnlyList<DigestRecord> Kept() => [.. digests.All().OrderBy(d => d.Id)];

    public void ForgetCreatedBefore(DateTimeOffset before)
    {
        foreach (var old in digests.Range(Created, from: null, until: before))
        {
            digests.Delete(old.Id);
        }
    }
}
