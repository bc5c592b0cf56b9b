"""tqdm.auto: 실행 환경을 보고 막대 종류를 고른다. 이 파일은 그냥 python으로 실행한다."""
import io

from tqdm.auto import tqdm
from tqdm.std import tqdm as text_tqdm

# Jupyter가 아니면 텍스트 막대(tqdm.std.tqdm)의 하위 class를 고른다
print(tqdm.__module__, issubclass(tqdm, text_tqdm))
#> tqdm.asyncio True

# 쓰는 법은 from tqdm import tqdm과 같다
out = io.StringIO()
total = sum(tqdm(range(5), file=out, bar_format="{n_fmt}/{total_fmt}"))
print(total, out.getvalue().split("\r")[-1].strip())
#> 10 5/5
