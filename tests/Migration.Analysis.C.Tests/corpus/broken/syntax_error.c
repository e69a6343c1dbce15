/*
 * syntax_error.c - a client file cut off in the middle of an edit: the parser cannot read it whole, the
 * call before the damage is still reported and the file carries a per-file error.
 */
#include "isp.h"

static int isp_broken_probe(struct isp_device *isp)
{
	isp->iommu = iommu_get("isp");
	if (isp->iommu == NULL
		return -ENODEV;
	return 0;
}

static void isp_broken_remove(struct isp_device *isp)
{
	iommu_put(isp->iommu) +;
}
