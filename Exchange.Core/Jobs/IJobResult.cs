namespace Exchange.Core.Jobs;

/// <summary>What one run of a job did: the summary the jobs page shows, and whether it changed anything.</summary>
public interface IJobResult
{
    string Summary { get; }

    /// <summary>
    /// Whether the run moved something on (credited a deposit, sent a withdrawal, settled a batch...):
    /// such a run is logged, one line with its summary; a run that found nothing to do is only recorded.
    /// </summary>
    bool DidWork { get; }
}
