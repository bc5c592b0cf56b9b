from torch.utils.data import DataLoader, Dataset, get_worker_info


class WhoLoadedMe(Dataset):
    """샘플마다 (인덱스, 그 샘플을 읽은 worker id)를 돌려준다. 메인 프로세스는 -1"""

    def __len__(self):
        return 8

    def __getitem__(self, idx):
        info = get_worker_info()  # 메인 프로세스에서는 None
        return idx, -1 if info is None else info.id


for num_workers in (0, 2):
    loader = DataLoader(WhoLoadedMe(), batch_size=2, num_workers=num_workers)
    # worker 안에서 print하지 않고, 결과를 배치에 담아 메인 프로세스에서 출력한다
    # 배치마다 그 배치를 만든 worker를 붙인다 (한 배치는 worker 하나가 만든다)
    who = {-1: "main", 0: "w0", 1: "w1"}
    result = []
    for idx, wid in loader:
        workers = "/".join(sorted({who[w] for w in wid.tolist()}))
        result.append(f"{idx.tolist()} {workers}")
    print(f"num_workers={num_workers}:", ", ".join(result))
    #> num_workers=0: [0, 1] main, [2, 3] main, [4, 5] main, [6, 7] main
    #> num_workers=2: [0, 1] w0, [2, 3] w1, [4, 5] w0, [6, 7] w1

# 인자 이름은 num_workers (s가 붙는다)
try:
    DataLoader(WhoLoadedMe(), num_worker=2)
except TypeError as e:
    print("TypeError:", e)
    #> TypeError: DataLoader.__init__() got an unexpected keyword argument 'num_worker'
