using SymbiosisOptimizer.Domain.Model;
using SymbiosisOptimizer.Reports.Documents;

namespace SymbiosisOptimizer.Reports;

/// <summary>
/// What the human-readable views of one run render: the run document (every figure, computed once) and the region it
/// describes (for map geometry and the inputs sheet). Views read figures from <see cref="Document"/> only.
/// </summary>
public sealed class RunReport
{
    public RunReport(Region region, RunDocument document)
    {
        Region = region;
        Document = document;
    }

    public Region Region { get; }

    public RunDocument Document { get; }

    public string Currency => Document.Currency;
}
