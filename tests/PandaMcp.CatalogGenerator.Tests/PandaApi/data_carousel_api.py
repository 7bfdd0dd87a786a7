from pandaserver.api.v1.common import generate_response, request_validation
from pandaserver.srvcore.panda_request import PandaRequest

_logger = PandaLogger().getLogger("api_data_carousel")


@request_validation(_logger, secure=True, production=True, request_method="POST")
def change_staging_source(
    req: PandaRequest,
    request_id: int | None = None,
    dataset: str | None = None,
    cancel_fts: bool = False,
    source_rse: str | None = None,
) -> dict:
    """
    Change source of staging

    If the request is queued, its source is chosen again.
    Requires a secure connection and the production role.

    API details:
        HTTP Method: POST
        Path: /v1/data_carousel/change_staging_source

    Args:
        req (PandaRequest): internally generated request object
        request_id (int|None): ID of the request
        dataset (str|None): dataset name
        cancel_fts (bool): cancel the FTS transfers too
        source_rse (str|None): the new source RSE

    Returns:
        dict: The system response.
    """
    return generate_response(True)
