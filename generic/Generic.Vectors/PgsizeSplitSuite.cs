using Generic.Iommu;
using Migration.Vectors;
using static Migration.Vectors.ResultComparer;

namespace Generic.Vectors;

/// <summary>
/// Suite "pgsize-split": the 3.3+ generic iommu_map / iommu_unmap (<see cref="IommuApi"/>) against the
/// harness's recording fake driver with a given pgsize_bitmap (generic.md §5, §9).
/// </summary>
public sealed class PgsizeSplitSuite : IVectorSuite
{
    /// <inheritdoc />
    public string Name => "pgsize-split";

    /// <inheritdoc />
    public CaseResult Run(VectorCase vectorCase)
    {
        VectorNode config = vectorCase.Config;
        string mode = config.Get("unmap_mode").String();
        if (mode is not ("tracked" or "echo" or "zero"))
            throw config.Get("unmap_mode").Error($"unknown unmap_mode \"{mode}\" (tracked, echo or zero)");
        uint pgsizeBitmap = config.Get("pgsize_bitmap").Hex();
        if (pgsizeBitmap == 0)
            throw config.Get("pgsize_bitmap").Error("an empty pgsize_bitmap has no page size to map with (the kernel BUGs on it)");
        var driver = new PgsizeSplitFakeDriver(pgsizeBitmap, config.Get("fail_map_call").Int(),
            config.Get("fail_errno").Int(), mode, config.Get("map_null").Bool(), config.Get("unmap_null").Bool());
        var bus = new BusType("platform");
        bus.SetIommu(driver);
        IommuDomain domain = IommuApi.DomainAlloc(bus)!;
        var cmp = new ResultComparer();

        for (int i = 0; i < vectorCase.Ops.Count; i++)
        {
            VectorNode op = vectorCase.Ops[i];
            var actual = new List<(string, string)>();
            driver.Calls.Clear();
            switch (op.Get("op").String())
            {
                case "map":
                    actual.Add(("ret", Int(IommuApi.Map(domain, op.Get("iova").Hex(), op.Get("paddr").Hex(), op.Get("size").Hex(), op.Get("prot").Int()))));
                    break;
                case "unmap":
                    uint ret = IommuApi.Unmap(domain, op.Get("iova").Hex(), op.Get("size").Hex());
                    actual.Add(("ret", Int(unchecked((int)ret))));
                    actual.Add(("ret_hex", Hex(ret)));
                    break;
                default:
                    throw op.Get("op").Error($"unknown op \"{op.Get("op").String()}\" for suite {Name}");
            }
            actual.Add(("calls", string.Join(", ", driver.Calls)));
            cmp.CompareObject(i, "", vectorCase.Results[i], actual);
        }

        string expectedMapped = Scalar(vectorCase.Final.Get("mapped"));
        string actualMapped = string.Join(", ", driver.Mapped.OrderBy(m => m.Iova).Select(m => $"{Hex(m.Iova)}={Hex(m.Size)}"));
        if (expectedMapped != actualMapped)
            cmp.Add(null, "final.mapped", expectedMapped, actualMapped);
        return new CaseResult(vectorCase.Name, cmp.Mismatches);
    }
}
