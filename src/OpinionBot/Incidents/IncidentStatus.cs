namespace OpinionBot.Incidents;

/// <summary>Where an incident stands in the collect → verify → report → handle cycle.</summary>
public enum IncidentStatus
{
    /// <summary>新发现: found, nobody holds it yet.</summary>
    New = 0,

    /// <summary>核实中: someone claimed it and is verifying.</summary>
    Claimed = 1,

    /// <summary>已上报: reported upward; the report time is a ledger field.</summary>
    Reported = 2,

    /// <summary>处置中: a person or department is handling it.</summary>
    Handling = 3,

    /// <summary>已处置: handled, with an outcome; watched for flare-ups.</summary>
    Resolved = 4,

    /// <summary>已平息: subsided; the watch period passed quietly.</summary>
    Closed = 5,

    /// <summary>误报: not an opinion incident after all.</summary>
    FalseAlarm = 6,
}
