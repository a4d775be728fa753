namespace OpinionBot.Reports.Documents;

/// <summary>The header facts of one issued document: unit, issue number in its year (期号), signer, 密级 and date.</summary>
public sealed record DocumentHeading(string Unit, int Year, long? Issue, string Signer, string? Classification, DateOnly Date);
