namespace SymbiosisOptimizer.Domain.Model;

public enum ActorKind
{
    Company,
    Municipality,
    Utility,
    Farm,
    Other,
}

public enum ResourceCategory
{
    Material,
    Energy,
    Water,
    Gas,
    Land,
    Other,
}

/// <summary>Legal status of a resource: a waste needs permits to be reused; a by-product or product does not.</summary>
public enum WasteStatus
{
    Product,
    ByProduct,
    Waste,
}

/// <summary>What a supplier does with a by-product today: the counterfactual every benefit is measured against.</summary>
public enum RouteKind
{
    Landfill,
    Incineration,
    Sale,
    Release,
    Storage,
    Treatment,
    Other,
}

public enum SourceKind
{
    Virgin,
    Purchase,
    OwnProduction,
    Other,
}

public enum BuyerKind
{
    Private,
    Public,
}
