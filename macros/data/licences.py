"""Open-data licences the site can publish under, with their address in the DCAT-AP.de licence list.

Portals such as GovData harvest only licences from that list
(https://www.dcat-ap.de/def/licenses/); mkdocs.yml names one by its id.
"""

LICENCES = {
    "dl-de/by-2-0": "http://dcat-ap.de/def/licenses/dl-by-de/2.0",
    "dl-de/zero-2-0": "http://dcat-ap.de/def/licenses/dl-zero-de/2.0",
    "cc-by-4.0": "http://dcat-ap.de/def/licenses/cc-by/4.0",
    "cc0-1.0": "http://dcat-ap.de/def/licenses/cc-zero",
}
