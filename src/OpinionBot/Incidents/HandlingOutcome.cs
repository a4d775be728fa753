namespace OpinionBot.Incidents;

/// <summary>How an incident was handled (处理结果), stored for the ledger.</summary>
public enum HandlingOutcome
{
    /// <summary>澄清回应</summary>
    Clarified = 1,

    /// <summary>删帖处理</summary>
    TakenDown = 2,

    /// <summary>冷处理</summary>
    ColdHandling = 3,

    /// <summary>属实通报</summary>
    ConfirmedAndAnnounced = 4,

    /// <summary>情况说明</summary>
    Explanation = 5,

    /// <summary>其他</summary>
    Other = 6,
}
