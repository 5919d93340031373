using SymbiosisOptimizer.Domain.Model;
using SymbiosisOptimizer.Reports.Documents;
using SymbiosisOptimizer.Reports.Maps;

namespace SymbiosisOptimizer.Reports;

/// <summary>
/// What the human-readable views of one run render: the run document (every figure, computed once) and the region it
/// describes (for map geometry and the inputs sheet). Views read figures from <see cref="Document"/> only.
/// </summary>
public sealed class RunReport
{
    private readonly Lazy<FlowMap> map;

    public RunReport(Region region, RunDocument document)
    {
        Region = region;
        Document = document;
        map = new Lazy<FlowMap>(() => FlowMapBuilder.Build(document), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public Region Region { get; }

    public RunDocument Document { get; }

    public string Currency => Document.Currency;

    /// <summary>The run's map, laid out once from the document: report.html and the flow-map chart draw this same map.</summary>
    public FlowMap Map => map.Value;
}
