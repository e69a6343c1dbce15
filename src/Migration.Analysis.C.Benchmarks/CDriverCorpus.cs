using System.Globalization;
using System.Text;

namespace Migration.Analysis.C.Benchmarks;

/// <summary>
/// Writes a kernel-style C corpus for the C front-end benchmark: files of omap3isp- and MSM-client-like functions in
/// the style of the test corpus (undeclared flags, incomplete structs, macro-written calls, IS_ERR_VALUE nesting, Era-A
/// order-based and byte-sized iommu_map, a call in an unconfigured #ifdef, __init functions) with plain register
/// code between them. Every function block holds a known number of catalog calls.
/// </summary>
internal static class CDriverCorpus
{
    /// <summary>Catalog calls per function block (the byte-sized iommu_map is not one).</summary>
    public const int CallsPerBlock = 8;

    /// <summary>Writes <paramref name="files"/> files of <paramref name="blocksPerFile"/> blocks into <paramref name="folder"/>; returns the line count.</summary>
    public static int Write(string folder, int files, int blocksPerFile)
    {
        int lines = 0;
        for (int f = 0; f < files; f++)
        {
            var text = new StringBuilder();
            text.Append(CultureInfo.InvariantCulture, $$"""
                /* generated client {{f}}: omap3isp- and MSM-style users of the vendor IOMMU APIs */
                #include <linux/module.h>
                #include <plat/iovmm.h>
                #include <mach/iommu_domains.h>

                #define IOMMU_FLAG (IOVMF_ENDIAN_LITTLE | IOVMF_ELSZ_8)
                #define CLIENT_TABLE_FREE(dev, da) iommu_vfree((dev)->iommu, (da))

                """);
            for (int b = 0; b < blocksPerFile; b++)
                text.Append(Block(f, b));
            string content = text.ToString();
            lines += content.Count(c => c == '\n');
            File.WriteAllText(Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"client{f:D2}.c")), content);
        }
        return lines;
    }

    private static string Block(int f, int b) => string.Create(CultureInfo.InvariantCulture, $$"""
        static int __init client{{f}}_{{b}}_probe(struct client_device *dev)
        {
        	struct client_priv *priv = dev->priv;
        	u32 da, i;

        	dev->iommu = iommu_get("isp");
        	if (IS_ERR_OR_NULL(dev->iommu))
        		return -ENODEV;
        	for (i = 0; i < CLIENT_NUM_REGS; i++)
        		client_write(dev, CLIENT_REG_BASE + i * 4, priv->regs[i]);
        	if (IS_ERR_VALUE(da = iommu_vmalloc(dev->iommu, 0, priv->size * 4, IOMMU_FLAG)))
        		goto error;
        	memcpy(da_to_va(dev->iommu, da), priv->table, priv->size * 4);
        	client_write(dev, CLIENT_REG_TABLE, da);
        	CLIENT_TABLE_FREE(dev, da);
        	return 0;
        error:
        	iommu_put(dev->iommu);
        	return -ENOMEM;
        }

        static int client{{f}}_{{b}}_map(struct iommu_domain *domain, unsigned long iova, phys_addr_t pa, size_t len)
        {
        	int ret;

        	ret = iommu_map(domain, iova, pa, get_order(len), IOMMU_READ | IOMMU_WRITE);
        	if (ret)
        		return ret;
        	ret = iommu_map(domain, iova + len, pa, SZ_4K, IOMMU_READ);
        	if (ret)
        		return ret;
        	dev_buf[{{b}}] = msm_subsystem_map_buffer(pa, len, MSM_SUBSYSTEM_MAP_IOVA, client_subsys, 1);
        	if (IS_ERR(dev_buf[{{b}}]))
        		return PTR_ERR(dev_buf[{{b}}]);
        #ifdef CONFIG_MSM_IOMMU
        	ret = msm_iommu_map_contig_buffer(pa, CAMERA_DOMAIN, GEN_POOL, len, SZ_4K, IOMMU_READ, &iova);
        #endif
        	return ret;
        }


        """);
}
