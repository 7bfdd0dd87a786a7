from typing import Dict, List

from pandaserver.api.v1.common import generate_response, request_validation
from pandaserver.srvcore.panda_request import PandaRequest

_logger = PandaLogger().getLogger("api_job")


@request_validation(_logger, secure=True, request_method="GET")
def get_status(req: PandaRequest, job_ids: List[int], timeout: int = 60) -> Dict:
    """
    Get status of jobs

    API details:
        HTTP Method: GET
        Path: /v1/job/get_status

    Args:
        req(PandaRequest): internally generated request object
        job_ids(list of int): PanDA job IDs
        timeout(int, optional): the timeout value. Defaults to 60.

    Returns:
        dict: The system response with a list of job statuses in the data field.
    """
    return generate_response(True, data=[])


@request_validation(_logger, secure=True)
def get_description(req: PandaRequest, job_ids: List[int]) -> Dict:
    """
    Get description of a job.

    The decorator enforces no method, so the server takes any; the docstring says GET.

    API details:
        HTTP Method: GET
        Path: /v1/job/get_description

    Args:
        req(PandaRequest): internally generated request object
        job_ids(list of int): PanDA job IDs
        timeout(int, optional): documented, but not in the signature.

    Returns:
        dict: The system response.
    """
    return generate_response(True, data=[])


@request_validation(_logger, secure=True, request_method="POST")
def kill(req: PandaRequest, job_ids: List[int], code: int = None, use_email_as_id: bool = False, kill_options: List[str] = []):
    """
    Kill jobs

    API details:
        HTTP Method: POST
        Path: /v1/job/kill

    Args:
        req(PandaRequest): internally generated request object
        job_ids(list of int): PanDA job IDs
        code(int, optional): the kill code
        use_email_as_id(bool, optional): identify the user by e-mail address
        kill_options(List[str], optional): options such as "keepUnmerged"

    Returns:
        dict: The system response with a list of booleans in the data field.
    """
    return generate_response(True, data=[True])


@request_validation(_logger, secure=False, request_method="GET")
def generate_offline_execution_script(req: PandaRequest, job_id: int, days: int = None) -> str:
    """
    Get execution script for a job.

    API details:
        HTTP Method: GET
        Path: /v1/job/generate_offline_execution_script

    Args:
        req(PandaRequest): internally generated request object
        job_id(int): PanDA job ID
        days(int, optional): look this many days back

    Returns:
        str: The script, or a message starting with `ERROR:`.
    """
    return "#!/bin/bash"
